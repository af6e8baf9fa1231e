"use client";
// The last resort, when even the root layout failed: no translations are loaded then, so the message is
// given in the app's three languages at once. Never the error's text or stack.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="kk">
      <body style={{ fontFamily: "sans-serif", maxWidth: "36rem", margin: "4rem auto", padding: "0 1rem" }}>
        <h1>Бірдеңе дұрыс болмады · Что-то пошло не так · Something went wrong</h1>
        <p lang="kk">Біз жақта қате шықты; ештеңе сақталмады.</p>
        <p lang="ru">Произошла ошибка на нашей стороне; ничего не сохранено.</p>
        <p lang="en">Something went wrong on our side; nothing was saved.</p>
        {error.digest ? <p style={{ fontFamily: "monospace", fontSize: "0.8rem" }}>{error.digest}</p> : null}
        <button type="button" onClick={reset}>
          Қайталау · Попробовать снова · Try again
        </button>
      </body>
    </html>
  );
}
