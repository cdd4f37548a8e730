// Make each table marked data-field-guide-sortable sortable by its column headings.
// Tablesort compares the cells' data-sort keys where they have one, which the
// build writes so that numbers sort by value.
document$.subscribe(() => {
  for (const table of document.querySelectorAll("table[data-field-guide-sortable]")) {
    new Tablesort(table);
  }
});
