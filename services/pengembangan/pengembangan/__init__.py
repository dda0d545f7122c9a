"""The pengembangan service: training and development, budgets."""
