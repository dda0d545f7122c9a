"""The talent map's pure decisions (gateway/talenta), without a service."""
