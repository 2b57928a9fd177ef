// The fields of a provider's form description that the form's values show: secrets and settings.
import type { FormField } from '../../../../preload/contract.ts';
import { errorName, visible } from './feed-form-values.ts';
import { SecretField } from './SecretField.tsx';
import { SettingField } from './SettingField.tsx';
import type { FeedForm } from './useFeedForm.ts';

export function ProviderFields({ fields, editor }: { fields: readonly FormField[]; editor: FeedForm }) {
  const values = editor.state?.values ?? {};
  return fields
    .filter((field) => visible(field, values))
    .map((field) =>
      field.kind === 'password' ? (
        <SecretField key={errorName(field)} field={field} editor={editor} />
      ) : (
        <SettingField key={errorName(field)} field={field} editor={editor} />
      ),
    );
}
