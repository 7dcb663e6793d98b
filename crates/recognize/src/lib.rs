//! muniplan-recognize (being built; see ARCHITECTURE.md).
