//! muniplan-pdf (being built; see ARCHITECTURE.md).
