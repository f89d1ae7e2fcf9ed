/**
 * A failure as the user needs it: what happened and what to do, in their language (by the error's
 * code and params, app/i18n/text.ts), and the code and HRESULT to search for. Where the words are a
 * translation, main's own message is one click away as the technical detail.
 */
import { errorText } from '../../../../app/i18n/text.js';
import type { ShownError } from '../../errors/shown-error.js';
import { useT } from '../../i18n/context.js';
import { Chip } from '../Chip/Chip.js';
import { Disclosure } from '../Disclosure/Disclosure.js';
import './ErrorDetails.css';

export function ErrorDetails({ error }: { readonly error: ShownError }) {
  const tr = useT();
  const text = errorText(tr, error);
  return (
    <div className="error-details">
      <p className="error-message">{text.message}</p>
      {text.advice && <p className="error-advice">{text.advice}</p>}
      <p className="error-meta">
        <Chip>{error.code}</Chip>
        {error.hresult && <Chip>{error.hresult}</Chip>}
        {error.path && <Chip>{error.path}</Chip>}
      </p>
      {text.original && (
        <Disclosure summary={tr.t('error.technical')}>
          <p className="error-original" lang="en">
            {text.original}
          </p>
        </Disclosure>
      )}
    </div>
  );
}
