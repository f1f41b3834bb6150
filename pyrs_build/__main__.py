import sys

from pyrs_build.cli import main

sys.exit(main())
