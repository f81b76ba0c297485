"""Qt item models over the store's paged queries."""
