"""Awards (penghargaan): recorded by admins, announced ones on a public feed."""
