export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs text-down">
      {message}
    </p>
  );
}

export function FormError({ error }: { error?: string | null }) {
  if (!error) return null;
  return (
    <div role="alert" className="rounded-md border border-down/40 bg-down/10 px-3 py-2 text-sm text-down">
      <span aria-hidden>✖ </span>
      {error}
    </div>
  );
}
