"""bilingua."""
