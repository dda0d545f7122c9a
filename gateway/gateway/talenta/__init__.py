"""The talent map (9-box) and the successors of key positions."""
