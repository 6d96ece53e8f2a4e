"""``python -m isswatch.flows.cli``: the same command line as the ``isswatch`` script."""

from isswatch.flows.cli.app import main

main()
