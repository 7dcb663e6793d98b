//! muniplan-normalize (being built; see ARCHITECTURE.md).
