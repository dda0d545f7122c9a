"""The gateway: the single public entry. Authenticates, routes to the services, and (in later
issues) composes their answers."""
