"""``python -m dynantic.testing serve``: see :mod:`dynantic.testing.cli`."""

from dynantic.testing.cli import main

raise SystemExit(main())
