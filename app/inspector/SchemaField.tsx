/** Renders one generated field by its kind of value. */
import { memo } from 'react';
import { BooleanField } from './fields/BooleanField';
import { CodeField } from './fields/CodeField';
import { EnumField } from './fields/EnumField';
import type { FieldProps } from './fields/field-props';
import { JsonField } from './fields/JsonField';
import { NumberField } from './fields/NumberField';
import { ObjectField } from './fields/ObjectField';
import { TextField } from './fields/TextField';
import { UnionField } from './fields/UnionField';

export const SchemaField = memo(function SchemaField(props: FieldProps) {
  switch (props.def.spec.kind) {
    case 'number':
      return <NumberField {...props} />;
    case 'text':
    case 'key':
      return <TextField {...props} />;
    case 'code':
      return <CodeField {...props} />;
    case 'enum':
      return <EnumField {...props} />;
    case 'boolean':
      return <BooleanField {...props} />;
    case 'object':
      return <ObjectField {...props} />;
    case 'union':
      return <UnionField {...props} />;
    case 'json':
      return <JsonField {...props} />;
  }
});
