// Fill gaps that axe-core reports in markup this site does not write itself.
document$.subscribe(() => {
  // Material's search dialog has no accessible name.
  for (const dialog of document.querySelectorAll(".md-search[role=dialog]:not([aria-label])")) {
    dialog.setAttribute("aria-label", "Search");
  }

  // Notebook code cells and wide tables scroll sideways, so keyboard users must be able to focus them.
  for (const cell of document.querySelectorAll(".jupyter-wrapper .highlight-ipynb, .md-typeset__scrollwrap")) {
    if (cell.scrollWidth > cell.clientWidth) {
      cell.tabIndex = 0;
    }
  }
});
