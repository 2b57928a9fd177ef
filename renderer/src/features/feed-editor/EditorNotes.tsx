// What the user should know before saving: where secrets are kept, that a moved address drops the stored ones, and
// the errors that belong to no field.
import { useI18n } from '../../i18n/I18nContext.ts';
import { KeychainNotice } from '../keychain/KeychainNotice.tsx';
import { holds } from './feed-form-values.ts';
import type { FeedForm } from './useFeedForm.ts';

export function EditorNotes({ editor }: { editor: FeedForm }) {
  const { t } = useI18n();
  const { secretStatus, formError } = editor;
  // A feed that signs in (rather than holding a typed token) must sign in again after its address moves.
  const signIn = editor.form?.capabilities.konturSignIn;
  const signsIn = signIn !== undefined && holds(signIn.when, editor.state?.values ?? {});
  return (
    <>
      <KeychainNotice />
      {secretStatus && secretStatus.backend !== 'keychain' && (
        <p className="note-banner" role="note">
          {secretStatus.backend === 'session' ? t.feedEditor.sessionOnly : t.feedEditor.noStore}
        </p>
      )}
      {editor.addressMoved && editor.hasStoredSecret && (
        <p className="note-banner" role="note" data-testid="address-moved">
          {signsIn ? t.feedEditor.addressMovedSignIn : t.feedEditor.addressMoved}
        </p>
      )}
      {formError && (
        <p className="form-error form-level" role="alert">
          {formError}
        </p>
      )}
    </>
  );
}
