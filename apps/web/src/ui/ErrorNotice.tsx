/** An error already in a shopper's words, announced to screen readers as it appears. */
export function ErrorNotice({ message }: { message: string | undefined }) {
  return (
    <p className="notice error" role="alert" hidden={!message}>
      {message}
    </p>
  );
}
