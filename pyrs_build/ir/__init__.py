"""The typed intermediate representation: what the frontend produces and rustgen consumes."""
