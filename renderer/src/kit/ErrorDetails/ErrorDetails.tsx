/** A failure as the user needs it: what happened, what to do, and the code and HRESULT to search for. */
import type { ShownError } from '../../errors/shown-error.js';
import { Chip } from '../Chip/Chip.js';
import './ErrorDetails.css';

export function ErrorDetails({ error }: { readonly error: ShownError }) {
  return (
    <div className="error-details">
      <p className="error-message">{error.message}</p>
      {error.advice && <p className="error-advice">{error.advice}</p>}
      <p className="error-meta">
        <Chip>{error.code}</Chip>
        {error.hresult && <Chip>{error.hresult}</Chip>}
        {error.path && <Chip>{error.path}</Chip>}
      </p>
    </div>
  );
}
