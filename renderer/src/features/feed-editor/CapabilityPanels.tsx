// What a saved feed's provider can do besides polling, offered under its form: sign in to Kontur, get a token from the
// developer portal, share an account's events. Each panel appears because the provider's module has the capability.
import { useI18n } from '../../i18n/I18nContext.ts';
import { EventSharing } from '../sharing/EventSharing.tsx';
import { KonturSignIn } from '../sign-in/KonturSignIn.tsx';
import { TokenAssistant } from '../sign-in/TokenAssistant.tsx';
import { holds } from './feed-form-values.ts';
import type { FeedForm } from './useFeedForm.ts';

export function CapabilityPanels({ editor }: { editor: FeedForm }) {
  const i18n = useI18n();
  const { feedId, form, state } = editor;
  if (feedId === null || !form || !state) return null;
  const { konturSignIn, tokenAssistant, sharing } = form.capabilities;
  return (
    <>
      {konturSignIn && holds(konturSignIn.when, state.values) && (
        <KonturSignIn feedId={feedId} status={editor.secretStatus} onStatus={editor.setSecretStatus} />
      )}
      {tokenAssistant && (
        <TokenAssistant
          feedId={feedId}
          providerName={i18n.text(form.name)}
          appId={String(state.values[tokenAssistant.appIdField] ?? '')}
          eventTypes={tokenAssistant.eventTypes}
          onStatus={editor.setSecretStatus}
        />
      )}
      {sharing && (
        <EventSharing
          feedId={feedId}
          providerName={i18n.text(form.name)}
          clientId={String(state.values[sharing.subscriberField] ?? '')}
        />
      )}
    </>
  );
}
