import pytest


@pytest.fixture(autouse=True)
def _application(qapp):
    """Models paint speaker swatches (QPixmap), which needs a QApplication."""
    return qapp
