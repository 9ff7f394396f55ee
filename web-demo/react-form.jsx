// The user-identity form of the demo again, written with React and react-hook-form, validated by seamid's Standard
// Schema objects (seamid/standard) through seamidResolver: errors block submit with seamid's code as the error type;
// warnings, info and one-click suggestions come from the same schema's result. Bundled by react-bundle.mjs.
import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useForm } from 'react-hook-form';
import { createUserIdentity, seamidResolver, updateUserIdentity } from '/bindings/js/src/standard/browser.js';

const fields = [
  { name: 'user_identity_id', label: 'User identity ID', update: true },
  { name: 'user_identity_key', label: 'User identity key' },
  { name: 'email_address', label: 'Email address', inputMode: 'email', autoComplete: 'email' },
  { name: 'phone_number', label: 'Phone number', inputMode: 'tel', autoComplete: 'tel', type: 'tel' },
  { name: 'full_name', label: 'Full name', autoComplete: 'name' },
];

/** The request body: empty inputs are left out (unset), as in the element form. */
function body(values, mode) {
  const out = {};
  for (const { name, update } of fields) if ((!update || mode === 'update') && values[name]) out[name] = values[name];
  return out;
}

function Form() {
  const [mode, setMode] = useState('create');
  const [request, setRequest] = useState(null);
  const schema = mode === 'create' ? createUserIdentity : updateUserIdentity;
  const resolver = useMemo(() => {
    const resolve = seamidResolver(schema);
    return (values, context, options) => resolve(body(values, mode), context, options);
  }, [schema, mode]);
  const { register, handleSubmit, formState: { errors }, watch, setValue } = useForm({ resolver, mode: 'onChange' });
  // Warnings, info and suggestions: the same schema's result (they never fail it).
  const result = schema['~standard'].validate(body(watch(), mode));
  const notes = [...(result.issues ?? []), ...(result.warnings ?? [])];
  const notesOf = (name) => notes.filter((issue) => (name === null ? issue.path.length === 0 : issue.path[0] === name));

  const issueList = (name) => {
    const error = name === null ? errors.root : errors[name];
    const shown = notesOf(name).filter((issue) => issue.severity !== 'error' || error);
    return (
      <div id={`${name ?? 'request'}-messages`} aria-live="polite">
        <ul className="issues" data-testid={`${name ?? 'request'}-issues`}>
          {shown.map((issue) => (
            <li key={issue.code} className={issue.severity} data-code={issue.code}>
              {issue.severity}: {issue.message} <code>{issue.code}</code>
              {issue.suggestion !== undefined && name !== null ? (
                <button type="button" className="apply" onClick={() => setValue(name, issue.suggestion, { shouldValidate: true })}>Use {issue.suggestion}</button>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    );
  };

  const onSubmit = (values) => {
    setRequest(`${mode === 'create' ? 'POST' : 'PATCH'} https://connect.getseam.com/user_identities/${mode}\n${JSON.stringify(values, null, 2)}`);
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate data-testid="react-form">
      <fieldset className="mode">
        <legend>Request</legend>
        {['create', 'update'].map((value) => (
          <label key={value}><input type="radio" name="mode" value={value} checked={mode === value} onChange={() => { setMode(value); setRequest(null); }} /> {value}</label>
        ))}
      </fieldset>
      {fields.filter((field) => !field.update || mode === 'update').map((field) => (
        <div className="field" key={field.name}>
          <label htmlFor={field.name}>{field.name}</label>
          <input id={field.name} type={field.type ?? 'text'} inputMode={field.inputMode} autoComplete={field.autoComplete ?? 'off'} spellCheck={false}
            aria-invalid={errors[field.name] ? 'true' : undefined} aria-describedby={`${field.name}-messages`}
            data-error-type={errors[field.name]?.type} {...register(field.name)} />
          {issueList(field.name)}
        </div>
      ))}
      <div className="field">{issueList(null)}</div>
      <button type="submit" data-testid="react-submit">{mode === 'create' ? 'Create' : 'Update'}</button>
      {request ? <pre data-testid="react-request" tabIndex={0}>{request}</pre> : null}
    </form>
  );
}

createRoot(document.getElementById('root')).render(<Form />);
document.getElementById('root').dataset.ready = 'true';
