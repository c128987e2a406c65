/**
 * A form field meant as a number, for a JSON body: a number where the text is one, else the text
 * itself, so that the server names the field in its refusal rather than guessing a value.
 */
export function numberField(value: FormDataEntryValue | null): number | string {
  const text = typeof value === 'string' ? value.trim() : '';
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : text;
}

/** Every field of a form, each as `numberField` reads it. */
export const numberFields = (form: HTMLFormElement) => Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, numberField(v)]));
