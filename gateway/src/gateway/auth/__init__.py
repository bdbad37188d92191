"""Users, API clients and the tokens issued to them."""
