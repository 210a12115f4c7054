"""HTTP routes of the JSON API, one module per resource."""
