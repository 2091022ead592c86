'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { api } from '@/components/api/client';
import { FormError } from '@/components/ui/FieldError';
import type { ServiceOut } from '@/lib/catalog/types';
import { servicesKey } from './keys';

/** Deleting a service takes its whole history with it, so the name has to be typed to confirm. */
export function DeleteServiceDialog({ service }: { service: ServiceOut }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const qc = useQueryClient();
  const [typed, setTyped] = useState('');
  const remove = useMutation({
    mutationFn: () => api(`/api/v1/services/${service.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      dialog.current?.close();
      qc.removeQueries({ queryKey: ['services', service.id] });
      await qc.invalidateQueries({ queryKey: servicesKey });
      router.push('/services');
    },
  });
  const close = () => {
    dialog.current?.close();
    setTyped('');
    remove.reset();
  };
  const matches = typed.trim() === service.name;

  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => dialog.current?.showModal()}>Delete</button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-title"
        className="m-auto w-full max-w-md rounded-lg border border-line bg-panel p-0 text-fg backdrop:bg-black/60"
        onClose={() => setTyped('')}
      >
        <form
          method="dialog"
          className="space-y-3 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            if (matches) remove.mutate();
          }}
        >
          <h2 id="delete-title" className="text-base font-semibold text-down">
            <span aria-hidden>✖ </span>Delete {service.name}?
          </h2>
          <p className="text-sm">
            This removes the service in <span className="font-mono">{service.environment}</span>, its {service.endpoints.length} endpoint
            {service.endpoints.length === 1 ? '' : 's'}, every stored result and chart history, and its alerts. It cannot be undone.
          </p>
          <div>
            <label className="label" htmlFor="delete-confirm">Type <span className="font-mono normal-case text-fg">{service.name}</span> to confirm</label>
            <input id="delete-confirm" className="input" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
          </div>
          {remove.isError ? <FormError error={remove.error.message} /> : null}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn" onClick={close}>Cancel</button>
            <button type="submit" className="btn btn-danger" disabled={!matches || remove.isPending}>
              {remove.isPending ? 'Deleting…' : 'Delete service'}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
