"""JavaScript, CSS and HTML fragments that graphkit.html writes into its pages."""
