import sys
from pathlib import Path

# the example sentences live beside the tests
sys.path.insert(0, str(Path(__file__).parent))
