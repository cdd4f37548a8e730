// Click-to-load video: the page shows a local placeholder, and the player from
// youtube-nocookie.com is added only when the reader presses the play button,
// so the page makes no request to another host before that.
document$.subscribe(() => {
  for (const placeholder of document.querySelectorAll("[data-field-guide-video]")) {
    const button = placeholder.querySelector("button");
    button.hidden = false;
    button.addEventListener("click", () => {
      const player = document.createElement("iframe");
      player.src = `https://www.youtube-nocookie.com/embed/${encodeURIComponent(placeholder.dataset.fieldGuideVideo)}?autoplay=1`;
      player.title = placeholder.dataset.title;
      player.allow = "autoplay; encrypted-media; picture-in-picture";
      player.allowFullscreen = true;
      player.referrerPolicy = "strict-origin-when-cross-origin";
      placeholder.replaceWith(player);
      player.classList.add("field-guide-video__player");
      player.focus();
    }, { once: true });
  }
});
