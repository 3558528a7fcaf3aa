"""HR's people pages under /hr/people/: import, export, teams and cohorts."""
