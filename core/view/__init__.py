"""What the panes show, without Qt: display copies and the layout of one reviewed document."""
