"""One OpenAPI document for the whole platform, merged from every service's own."""
