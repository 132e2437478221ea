"""Every persistent record a workflow reads or writes: one loader and one saver each."""
