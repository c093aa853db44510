import sys

from caseload.cli import main

sys.exit(main())
