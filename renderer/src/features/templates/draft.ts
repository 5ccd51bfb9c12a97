/** The template editor's working copy: a Template flattened into editable lists, and back into a TemplateInput. */
import type { TemplateInput } from '../../../../shared/contract.ts';
import type { ComputedField, FieldTransformation, Template, TemplateField } from '../../../../shared/model.ts';

export interface Draft {
  name: string;
  description: string;
  type: string;
  fields: TemplateField[];
  mappings: { source: string; target: string }[];
  transformations: FieldTransformation[];
  unmapped: 'metadata' | 'drop';
  computed: ComputedField[];
}

export const SAMPLE = {
  id: 'ctx-1',
  title: '  Weekly planning  ',
  content: 'Agenda and decisions',
  type: 'note',
  tags: ['work'],
  createdAt: '2024-03-01T09:30:00.000Z',
  metadata: { importance: 'high' },
};

export const emptyDraft = (): Draft => ({
  name: '',
  description: '',
  type: 'contexts',
  fields: [],
  mappings: [],
  transformations: [],
  unmapped: 'metadata',
  computed: [],
});

export function draftOf(t: Template): Draft {
  const m = t.transformation.mapping;
  return {
    name: t.name,
    description: t.description,
    type: t.schema.type,
    fields: t.schema.fields,
    mappings: Object.entries(m.fieldMappings).map(([source, target]) => ({ source, target })),
    transformations: m.transformations,
    unmapped: m.unmappedFields === 'drop' ? 'drop' : 'metadata',
    computed: t.transformation.computedFields,
  };
}

export function inputOf(d: Draft): TemplateInput {
  return {
    name: d.name.trim(),
    description: d.description,
    schema: { type: d.type, fields: d.fields.filter((f) => f.name.trim()) },
    transformation: {
      mapping: {
        fieldMappings: Object.fromEntries(d.mappings.filter((m) => m.source.trim() && m.target.trim()).map((m) => [m.source.trim(), m.target.trim()])),
        transformations: d.transformations.filter((t) => t.field.trim()),
        unmappedFields: d.unmapped,
      },
      computedFields: d.computed.filter((c) => c.name.trim() && c.expression.trim()),
    },
  };
}
