// Copy a paper's BibTeX entry (kept in a hidden element beside the button) to the clipboard.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy-bibtex");
  if (!button) return;
  const source = document.getElementById(`bibtex-${button.dataset.key}`);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent);
    button.textContent = "Copied";
  } catch (err) {
    button.textContent = "Copy failed";
    console.warn("copy-bibtex:", err);
  }
  setTimeout(() => { button.textContent = "BibTeX"; }, 1500);
});
