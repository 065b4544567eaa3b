// Copy a paper's BibTeX entry (kept in the button's data-bibtex attribute) to the clipboard.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy-bibtex");
  if (!button) return;
  const entry = button.dataset.bibtex;
  if (!entry) return;
  try {
    await navigator.clipboard.writeText(entry);
    button.textContent = "Copied";
  } catch (err) {
    button.textContent = "Copy failed";
    console.warn("copy-bibtex:", err);
  }
  setTimeout(() => { button.textContent = "BibTeX"; }, 1500);
});
