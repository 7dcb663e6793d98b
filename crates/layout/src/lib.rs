//! muniplan-layout (being built; see ARCHITECTURE.md).
