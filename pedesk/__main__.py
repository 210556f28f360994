from pedesk.cli import main

raise SystemExit(main())
