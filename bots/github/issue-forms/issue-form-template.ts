/**
 * The shape of a GitHub issue form (`.github/ISSUE_TEMPLATE/*.yml`), as GitHub documents it
 * ("Syntax for GitHub's form schema"): only the keys Agora writes or reads.
 */
export type MarkdownElement = { type: 'markdown'; id?: string; attributes: { value: string } };

type Validations = { validations?: { required?: boolean } };

export type InputElement = {
  type: 'input';
  id?: string;
  attributes: { label: string; description?: string; placeholder?: string; value?: string };
} & Validations;

export type TextareaElement = {
  type: 'textarea';
  id?: string;
  /** `render` makes GitHub wrap the answer in a code fence of that language. */
  attributes: { label: string; description?: string; placeholder?: string; value?: string; render?: string };
} & Validations;

export type DropdownElement = {
  type: 'dropdown';
  id?: string;
  attributes: { label: string; description?: string; multiple?: boolean; options: string[] };
} & Validations;

export type CheckboxesElement = {
  type: 'checkboxes';
  id?: string;
  attributes: { label: string; description?: string; options: { label: string; required?: boolean }[] };
};

export type FieldElement = InputElement | TextareaElement | DropdownElement | CheckboxesElement;
export type FormElement = MarkdownElement | FieldElement;

export type IssueFormTemplate = {
  name: string;
  description: string;
  title?: string;
  labels?: string[];
  body: FormElement[];
};
