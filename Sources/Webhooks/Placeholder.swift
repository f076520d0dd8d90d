// Placeholder until webhook delivery lands.
