"""The Planning section: schools' applications, district plans and the region's plan (п.9-11)."""
