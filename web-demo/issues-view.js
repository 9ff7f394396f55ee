// Renders a field's seamid issues under it: errors block submit, warnings and info show, suggestions apply in one click.
export function renderIssues(container, issues, applySuggestion) {
  const list = container.querySelector('.issues');
  list.replaceChildren();
  container.classList.toggle('has-error', issues.some((found) => found.severity === 'error'));
  container.classList.toggle('has-warning', issues.some((found) => found.severity === 'warning'));
  for (const found of issues) {
    const item = document.createElement('li');
    item.className = found.severity;
    item.dataset.code = found.code;
    item.append(`${found.severity}: ${found.message} `);
    const code = document.createElement('code');
    code.textContent = found.code;
    item.append(code);
    if (found.suggestion !== undefined) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'apply';
      button.dataset.testid = 'apply-suggestion';
      button.textContent = `Use ${found.suggestion}`;
      button.addEventListener('click', () => applySuggestion(found.suggestion));
      item.append(button);
    }
    list.append(item);
  }
}
