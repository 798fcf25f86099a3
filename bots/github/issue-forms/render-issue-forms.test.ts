import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { CONFIDENTIAL_FIELDS } from '../../../api/domain/requests/request-schemas.ts';
import { REQUEST_TYPES } from '../../../api/domain/requests/vocabulary.ts';
import { buildIssueForm, formFieldsOf, formMarkerOf, PUBLIC_ISSUE_CHECK } from './build-issue-form.ts';
import { deriveFormFields } from './form-fields.ts';
import { FORM_KINDS } from './form-kinds.ts';
import type { DropdownElement, FieldElement, IssueFormTemplate } from './issue-form-template.ts';
import { formFileName, renderIssueForms, stringifyFormYaml } from './render-issue-forms.ts';

const files = renderIssueForms({ publicUrl: 'https://agora.example.eu/' });
const formOf = (kind: (typeof FORM_KINDS)[number]) => parse(files[formFileName(kind)]!) as IssueFormTemplate;
const fieldsOf = (form: IssueFormTemplate) => form.body.filter((element): element is FieldElement => element.type !== 'markdown');

describe('renderIssueForms', () => {
  it('writes one form per kind and config.yml, each reading back as the form built in memory', () => {
    expect(Object.keys(files).sort()).toEqual(['access.yml', 'card-correction.yml', 'config.yml', 'dataset.yml', 'inspection.yml', 'release.yml']);
    for (const kind of FORM_KINDS) expect(formOf(kind)).toEqual(buildIssueForm(kind, { publicUrl: 'https://agora.example.eu' }));
  });

  it.each(FORM_KINDS)('gives the %s form its name, title prefix, label, public notice first and the public-issue box last', (kind) => {
    const form = formOf(kind);
    expect(form).toMatchObject({ name: expect.any(String), description: expect.any(String), title: expect.stringMatching(/^\[.+\] $/), labels: [`agora:type/${kind}`] });
    expect(form.body[0]).toMatchObject({ type: 'markdown', attributes: { value: expect.stringContaining('**This issue is public.**') } });
    expect(form.body.at(-1)).toEqual({
      type: 'checkboxes',
      id: PUBLIC_ISSUE_CHECK.id,
      attributes: { label: PUBLIC_ISSUE_CHECK.label, options: [{ label: PUBLIC_ISSUE_CHECK.option, required: true }] },
    });
  });

  it('asks for no confidential field of any request type', () => {
    for (const type of REQUEST_TYPES) {
      const ids = fieldsOf(formOf(type)).map((element) => element.id!.split('-')[0]);
      for (const confidential of CONFIDENTIAL_FIELDS[type]) expect(ids, `${type}.${confidential}`).not.toContain(confidential);
    }
    expect(fieldsOf(formOf('inspection')).map((element) => element.id)).toEqual(['requester_kind', 'stated_period_days', 'preferred_date', PUBLIC_ISSUE_CHECK.id]);
  });

  it('tells data-inspection requesters, at the top, to send the confidential part through the API', () => {
    const note = (formOf('inspection').body[1] as { attributes: { value: string } }).attributes.value;
    expect(note).toContain('only for what may be public');
    for (const words of ['scope', 'legal basis', 'letters and annexes', 'how to reach you']) expect(note).toContain(words);
    expect(note).toContain('`POST https://agora.example.eu/api/v1/requests`');
    expect(note).toContain('https://agora.example.eu/api/docs');
  });

  it('derives element types, ids, labels and required-ness from the schema', () => {
    const access = Object.fromEntries(fieldsOf(formOf('access')).map((element) => [element.id, element]));
    expect(access['organization-name']).toMatchObject({ type: 'input', attributes: { label: 'Organisation requesting access' }, validations: { required: true } });
    expect(access['organization-registry_id']).toMatchObject({ type: 'input', validations: { required: false } });
    expect(access['organization-third_country_controlled']).toMatchObject({ type: 'dropdown', attributes: { options: ['Yes', 'No'] }, validations: { required: true } });
    expect(access['organization-controllers']).toMatchObject({ type: 'textarea', attributes: { description: expect.stringContaining('One per line: name, country') } });
    expect(access['components-models']).toMatchObject({ type: 'textarea', attributes: { description: expect.stringContaining('One per line.') }, validations: { required: false } });
    const dataset = Object.fromEntries(fieldsOf(formOf('dataset')).map((element) => [element.id, element]));
    expect(dataset.languages).toMatchObject({ type: 'input', attributes: { description: expect.stringContaining('Separate them with commas or spaces.') }, validations: { required: true } });
    expect(dataset.estimated_tokens).toMatchObject({ type: 'input', attributes: { description: expect.stringContaining('"," or "_" may separate thousands') }, validations: { required: false } });
    expect(dataset.description).toMatchObject({ type: 'textarea' });
    expect((fieldsOf(formOf('inspection'))[0] as DropdownElement).attributes.options).toEqual(['The AI Office', 'A national authority', 'A downstream provider', 'A rightsholder', 'A researcher']);
  });

  it('quotes Yes and No, so that a YAML 1.1 reader (GitHub) sees strings', () => {
    expect(files['access.yml']).toContain('        - "Yes"\n        - "No"\n');
    expect(parse(files['access.yml']!, { version: '1.1' })).toEqual(parse(files['access.yml']!));
  });

  it('writes config.yml without blank issues and with the handbook at the public URL', () => {
    expect(parse(files['config.yml']!)).toEqual({
      blank_issues_enabled: false,
      contact_links: [{ name: 'Handbook', url: 'https://agora.example.eu/handbook/', about: expect.any(String) }],
    });
    expect(parse(renderIssueForms()['config.yml']!).contact_links[0].url).toBe('http://localhost:8787/handbook/');
  });

  it('gives every form a first field label no other form has, and other labels no other form covers', () => {
    const markers = FORM_KINDS.map(formMarkerOf);
    expect(new Set(markers).size).toBe(FORM_KINDS.length);
    for (const kind of FORM_KINDS)
      for (const other of FORM_KINDS.filter((candidate) => candidate !== kind)) {
        const labels = new Set(formFieldsOf(other).map((field) => field.label));
        expect(formFieldsOf(kind).slice(1).every((field) => labels.has(field.label)), `${kind} within ${other}`).toBe(false);
      }
  });
});

describe('stringifyFormYaml', () => {
  it.each(['Yes', 'No', 'on', 'off', 'y', '12', '1_000', '0x1F', '2026-01-01', 'null', '~', 'true', '#x', '- x', 'a: b'])('quotes %j and reads it back as the same string', (text) => {
    const yaml = stringifyFormYaml({ options: [text] });
    expect(yaml).toMatch(/^options:\n {2}- ["']/);
    expect(parse(yaml, { version: '1.1' })).toEqual({ options: [text] });
  });
});

describe('deriveFormFields', () => {
  const schema = z.strictObject({
    type: z.literal('x'),
    home_url: z.string().meta({ description: 'From the schema.' }),
    notes: z.string().max(5_000).optional().meta({ description: 'Also from the schema.' }),
    place: z.strictObject({ country_code: z.string(), is_open: z.boolean().optional() }),
    tags: z.array(z.string()).default([]),
  });

  it('takes labels, descriptions, elements and required-ness from the schema, flattening nested objects', () => {
    expect(deriveFormFields(schema, { notes: { description: 'Hint.' } }).map(({ id, label, description, element, required }) => ({ id, label, description, element, required }))).toEqual([
      { id: 'home_url', label: 'Home URL', description: 'From the schema.', element: 'input', required: true },
      { id: 'notes', label: 'Notes', description: 'Also from the schema.', element: 'textarea', required: false },
      { id: 'place-country_code', label: 'Place: country code', description: undefined, element: 'input', required: true },
      { id: 'place-is_open', label: 'Place: is open', description: undefined, element: 'dropdown', required: false },
      { id: 'tags', label: 'Tags', description: undefined, element: 'textarea', required: false },
    ]);
  });

  it('refuses what a form cannot ask for, and words for fields the schema does not have', () => {
    expect(() => deriveFormFields(z.strictObject({ when: z.array(z.number()) }))).toThrow('A form cannot ask for "when"');
    expect(() => deriveFormFields(schema, { gone: { label: 'Gone' } })).toThrow('fields its schema does not have: gone');
    expect(() => deriveFormFields(schema, { notes: { label: 'Tags' } })).toThrow('two fields with the label "Tags"');
  });
});
