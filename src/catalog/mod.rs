//! Placeholder until the catalog lands.
