//! muniplan-output (being built; see ARCHITECTURE.md).
