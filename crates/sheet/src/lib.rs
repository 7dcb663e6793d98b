//! muniplan-sheet (being built; see ARCHITECTURE.md).
