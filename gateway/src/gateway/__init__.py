"""The single entry: nginx configured from the route table, and the identity app behind it."""
