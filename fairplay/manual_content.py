"""The Fair Play Manual as we wrote it: the sections the database is seeded with (migration 0004, `manual_seed`).

Plain data, no models, so that a migration can read it. Once seeded, the office edits the sections in the
database; changing this file changes only what a new installation starts with.

Body format (shared with `fairplay.manual.parse_body` and the printed excerpts): paragraphs separated by a blank line,
list items on lines starting with "- ". In this file long lines are wrapped for reading; `_text` joins them back so the
database holds one line per paragraph or item, which is what the office's text box shows.
"""

from __future__ import annotations

import inspect

ALL = ["referees", "coaches", "players", "families", "organizers"]


def _text(source: str) -> str:
    """Dedent, and join a paragraph's or an item's wrapped lines (an item's go on with an indent)."""
    blocks = []
    for block in inspect.cleandoc(source).split("\n\n"):
        lines: list[str] = []
        for line in block.splitlines():
            if line.startswith("- ") or not lines:
                lines.append(line.strip() if not line.startswith("- ") else line.rstrip())
            elif lines[-1].startswith("- ") and not line.startswith(" "):
                lines.append(line.strip())  # a paragraph after a list, in the same block
            else:
                lines[-1] = f"{lines[-1]} {line.strip()}"
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


SECTIONS = [
    # --- Purpose ------------------------------------------------------------------------------------------------------
    {
        "slug": "purpose",
        "order": 10,
        "kind": "text",
        "audiences": ALL,
        "title_es": "Para qué sirve este manual",
        "title_en": "What this manual is for",
        "body_es": _text("""
            En el fútbol de siempre, el árbitro aparece sobre todo para castigar: la falta, la amarilla, la roja. Quien
            juega limpio no recibe nada a cambio, y quien insulta desde el costado de la cancha casi nunca tiene
            consecuencias. Este manual propone mirar el partido al revés: fijarnos en lo bueno que pasa dentro y
            alrededor de la cancha, y reconocerlo delante de todos. La herramienta para hacerlo es la tarjeta azul.

            La tarjeta azul es un premio. El árbitro la muestra cuando una jugadora ayuda a levantarse a su rival,
            cuando un entrenador calma a su banca o cuando una barra alienta a su equipo sin ofender a nadie. No le
            quita nada a nadie: suma puntos de fair play para el equipo, queda anotada en la planilla de juego y cuenta
            para los premios del campeonato.

            El método nació en Trujillo, región La Libertad, en el Perú. Entre 2014 y 2017, un programa conjunto de las
            Naciones Unidas para la seguridad humana trabajó con las municipalidades de La Esperanza, El Porvenir y
            Florencia de Mora, y los campeonatos municipales de fútbol que usaron la tarjeta azul llegaron a más de
            siete mil niñas, niños y jóvenes. Los árbitros de la zona, que antes habían visto peleas y agresiones en
            los partidos, contaron que el ambiente se volvió mucho más tranquilo, también entre las familias que miraban
            desde afuera. Y los chicos dijeron algo sencillo: que aprendieron a detenerse y pedir disculpas, y a saber
            perder.

            El método tiene cuatro piezas que se refuerzan entre sí:
            - La tarjeta azul, que premia el juego limpio y así invita a repetirlo.
            - La barra segura: el compromiso de las personas adultas que alientan desde el costado de la cancha.
            - El ritual de deportividad: el saludo entre los equipos antes y después de cada partido, como señal de
              compañerismo y respeto.
            - Este manual, que reúne todo lo anterior para que árbitros, entrenadores, jugadores, familias y
              organizadores jueguen con las mismas reglas.

            Ganar sigue importando. Pero en estos campeonatos también se gana respetando: al rival, al árbitro, a los
            compañeros y a uno mismo. El fútbol del barrio puede ser un lugar donde chicas y chicos aprenden a convivir
            en paz, y cada partido es una oportunidad de practicarlo.

            Cada sección indica a quién está dirigida. Puedes leer el manual completo o solo las partes que te tocan
            según tu papel en el campeonato.
        """),
        "body_en": _text("""
            In football as we know it, the referee is there mostly to punish: the foul, the yellow, the red. Whoever
            plays fair gets nothing for it, and whoever shouts insults from the sideline almost never faces any
            consequence. This manual asks us to look at the match the other way round: to notice the good things that
            happen on and around the pitch, and to recognise them in front of everyone. The tool for doing so is the
            blue card.

            The blue card is a reward. The referee shows it when a girl helps her opponent up, when a coach calms down
            his bench, or when a barra cheers its team on without offending anyone. It takes nothing away from anyone:
            it adds fair-play points for the team, it is written down on the match sheet, and it counts towards the
            championship's awards.

            The method was born in Trujillo, in the La Libertad region of Peru. Between 2014 and 2017 a United Nations
            joint programme for human security worked with the municipalities of La Esperanza, El Porvenir and
            Florencia de Mora, and the municipal football championships that used the blue card reached more than seven
            thousand girls, boys and young people. Local referees, who had seen fights and assaults at matches before,
            said the atmosphere became far calmer, among the families watching from the sideline too. And the children
            said something simple: that they had learnt to stop and say sorry, and to lose well.

            The method has four parts that support one another:
            - The blue card, which rewards fair play and so invites people to repeat it.
            - The safe bar (barra segura): the commitment of the adults who cheer from the sideline.
            - The ritual of sportsmanship: the greeting between the teams before and after every match, as a sign of
              companionship and respect.
            - This manual, which brings all of the above together so that referees, coaches, players, families and
              organizers play by the same rules.

            Winning still matters. But in these championships you can also win by respecting others: the opponent, the
            referee, your teammates and yourself. Neighbourhood football can be a place where girls and boys learn to
            live together in peace, and every match is a chance to practise it.

            Each section says who it is written for. You can read the whole manual or only the parts that concern your
            role in the championship.
        """),
    },
    # --- What a blue card rewards -------------------------------------------------------------------------------------
    {
        "slug": "blue-card",
        "order": 20,
        "kind": "text",
        "audiences": ALL,
        "title_es": "Qué premia la tarjeta azul",
        "title_en": "What a blue card rewards",
        "body_es": _text("""
            La tarjeta azul premia un gesto concreto, visto por el árbitro durante el partido, en el que alguien eligió
            el respeto aunque le costara algo: una ventaja, un reclamo, el orgullo. No premia jugar bien ni ganar:
            premia la manera de jugar. Estos son los motivos que el árbitro anota en la planilla de juego, con ejemplos
            del fútbol de menores.

            Ayudó a un rival. Se preocupó por un jugador del otro equipo antes que por la jugada. Por ejemplo:
            - Un defensa saca la pelota de la cancha porque un delantero rival quedó tendido en el suelo, aunque su
              equipo iba al ataque.
            - Una jugadora se detiene para ayudar a levantarse a la rival con la que acaba de chocar.
            - Un arquero le alcanza su botella de agua a un jugador del otro equipo que tiene un calambre.
            - Después de que el rival sacó la pelota para que atiendan a un lesionado, el equipo que tiene el saque se
              la devuelve.

            Reconoció una falta o pidió disculpas. Dijo la verdad aunque lo perjudicara. Por ejemplo:
            - Un jugador levanta la mano y le dice al árbitro «fui yo, fue falta» después de una zancadilla.
            - Una delantera avisa que la pelota la tocó ella antes de salir, aunque el árbitro había cobrado el saque a
              favor de su equipo.
            - Tras un choque fuerte, el jugador se acerca al rival, le da la mano y le pide disculpas.
            - Un niño admite que se dejó caer en el área y que no hubo falta.

            Aceptó una decisión con calma. Recibió un cobro en contra sin protestar. Por ejemplo:
            - Un jugador amonestado recibe la tarjeta amarilla sin reclamar y vuelve a su posición.
            - Después de un gol anulado, el capitán pide a su equipo seguir jugando en lugar de rodear al árbitro.
            - Una entrenadora que no está de acuerdo con un cobro espera el final del partido para conversar con el
              árbitro con respeto.
            - Un equipo que pierde en la definición por penales felicita al ganador en lugar de reclamar.

            Calmó a un compañero. Evitó que un enojo se convirtiera en pelea o en insulto. Por ejemplo:
            - Una jugadora abraza a su compañera, que está a punto de responder a un empujón, y la aparta de la
              discusión.
            - El capitán detiene a un compañero que va corriendo a reclamarle al árbitro.
            - Después de un error, un jugador le da ánimo a su arquero en vez de reprocharle.
            - Un entrenador saca un momento del partido a un jugador alterado, conversa con él y lo ayuda a serenarse.

            Alentó con respeto desde la barra. La barra apoyó a su equipo sin ofender a nadie. Por ejemplo:
            - La barra canta por su equipo todo el partido sin un solo insulto al rival ni al árbitro.
            - Las familias aplauden un gol o una buena jugada del equipo rival.
            - La barra aplaude a los dos equipos durante el ritual y al final del partido, gane o pierda.
            - Cuando alguien empieza a gritarle al árbitro, los demás y el delegado lo calman.

            Otro gesto de juego limpio. El árbitro puede premiar otros gestos, siempre que sean claros y que todos
            puedan entender por qué; en ese caso lo describe en pocas palabras en la planilla. Por ejemplo:
            - Un equipo que gana por mucha diferencia celebra sus goles sin burlarse del rival.
            - Un jugador le presta sus canilleras a un rival que olvidó las suyas.
            - Una jugadora avisa al árbitro que un saque de banda le correspondía al otro equipo.

            Lo que no se premia: jugar bien, meter goles ni cumplir lo mínimo que pide el reglamento, como no hacer
            faltas. Tampoco un gesto fingido o hecho solo para conseguir la tarjeta. La tarjeta azul no se pide: se
            gana.
        """),
        "body_en": _text("""
            The blue card rewards a concrete gesture, seen by the referee during the match, in which someone chose
            respect even though it cost them something: an advantage, a complaint, their pride. It does not reward
            playing well or winning: it rewards the way people play. These are the reasons the referee writes on the
            match sheet, with examples from youth football.

            Helped an opponent. They cared about a player from the other team more than about the play. For example:
            - A defender kicks the ball out because an opposing forward is lying on the ground, even though his team
              was attacking.
            - A girl stops to help up the opponent she has just collided with.
            - A goalkeeper hands his water bottle to a player from the other team who has cramp.
            - After the opponents kicked the ball out so that an injured player could be treated, the team taking the
              throw-in gives it back to them.

            Admitted a foul or apologised. They told the truth even though it went against them. For example:
            - A player raises his hand and tells the referee "it was me, it was a foul" after tripping someone.
            - A forward says the ball touched her last before going out, although the referee had given the throw to
              her team.
            - After a hard collision, the player goes over to the opponent, shakes hands and apologises.
            - A boy admits that he let himself fall in the penalty area and that there was no foul.

            Accepted a decision calmly. They took a decision against them without protesting. For example:
            - A player who is booked takes the yellow card without complaining and goes back to his position.
            - After a goal is disallowed, the captain asks his team to play on instead of surrounding the referee.
            - A coach who disagrees with a call waits until the end of the match to talk it over with the referee,
              respectfully.
            - A team that loses the penalty shoot-out congratulates the winners instead of complaining.

            Calmed a teammate. They stopped anger from turning into a fight or an insult. For example:
            - A girl puts her arm around her teammate, who is about to answer a push, and leads her away from the
              argument.
            - The captain stops a teammate who is running to protest to the referee.
            - After a mistake, a player encourages his goalkeeper instead of blaming him.
            - A coach takes an upset player off for a moment, talks with him and helps him calm down.

            Respectful encouragement from the barra. The barra supported its team without offending anyone. For
            example:
            - The barra sings for its team the whole match without a single insult to the opponents or the referee.
            - The families applaud a goal or a good move by the opposing team.
            - The barra applauds both teams during the ritual and at the end of the match, win or lose.
            - When someone starts shouting at the referee, the others and the delegate calm them down.

            Another fair-play gesture. The referee may reward other gestures, as long as they are clear and everyone
            can understand why; in that case the referee describes it in a few words on the match sheet. For example:
            - A team winning by a wide margin celebrates its goals without mocking the opponents.
            - A player lends his shin guards to an opponent who forgot his own.
            - A girl tells the referee that a throw-in should have gone to the other team.

            What is not rewarded: playing well, scoring goals, or doing the minimum the rules ask, such as not
            committing fouls. Nor a gesture that is faked or made only to get the card. You do not ask for a blue card:
            you earn it.
        """),
    },
    # --- Who receives it, who shows it --------------------------------------------------------------------------------
    {
        "slug": "recipients",
        "order": 30,
        "kind": "text",
        "audiences": ALL,
        "title_es": "Quién recibe la tarjeta azul y quién la muestra",
        "title_en": "Who receives a blue card and who shows it",
        "body_es": _text("""
            La muestra siempre el árbitro principal del partido, el mismo que muestra las amarillas y las rojas y que
            firma la planilla de juego. Sus asistentes pueden avisarle de un gesto que vieron, pero la decisión es
            suya.

            Pueden recibirla tres tipos de participantes:
            - Los jugadores y jugadoras inscritos en el equipo, estén en la cancha o en el banco de suplentes.
            - Los entrenadores y entrenadoras del equipo.
            - La barra del equipo, como grupo. La tarjeta se muestra hacia la tribuna y la recibe, en nombre de todos,
              el delegado o delegada de la barra.

            Cómo se muestra. Si la pelota está detenida, el árbitro la muestra en el momento; si el juego está en
            marcha, espera la siguiente interrupción, para no cortar un ataque ni quitarle una ventaja a nadie. A la
            barra se le suele mostrar en el entretiempo o al final del partido. Al mostrarla, el árbitro dice en voz
            alta, en pocas palabras, qué está premiando, para que todos aprendan del gesto. Luego la anota en la
            planilla: el minuto, quién la recibió y el motivo.

            La tarjeta azul nunca quita nada. No anula una amarilla ni una roja, no acorta una suspensión y no se
            cambia por nada. Un jugador puede recibir una amarilla y una azul en el mismo partido: la primera sanciona
            una falta y la segunda reconoce un gesto distinto. Las sanciones siguen existiendo; lo que cambia es que
            ahora también hay premios.

            No hay un límite de tarjetas azules por partido ni por persona, y tampoco una obligación de mostrar alguna:
            si no hubo un gesto claro, no se muestra. El árbitro no reparte tarjetas por cuota ni las usa para
            compensar un cobro discutido.

            Cada tarjeta azul cuenta para el equipo de quien la recibe, según el sistema de puntaje del campeonato
            (ver la sección sobre el puntaje), y las tarjetas de jugadores, entrenadores y barras cuentan para los
            premios del cierre. En las páginas públicas del campeonato los jugadores aparecen solo con su nombre para
            mostrar, nunca con sus datos personales.
        """),
        "body_en": _text("""
            It is always shown by the match's main referee, the same person who shows the yellows and reds and signs
            the match sheet. The assistants may point out a gesture they saw, but the decision is the referee's.

            Three kinds of participant can receive one:
            - The players registered with the team, whether on the pitch or on the substitutes' bench.
            - The team's coaches.
            - The team's barra, as a group. The card is shown towards the stand and received on everyone's behalf by
              the barra's delegate.

            How it is shown. If the ball is out of play, the referee shows it at once; if play is going on, the referee
            waits for the next stoppage so as not to cut short an attack or take an advantage away from anyone. A
            barra is usually shown its card at half-time or at the end of the match. When showing it, the referee says
            aloud, in a few words, what is being rewarded, so that everyone learns from the gesture. Then the referee
            writes it on the match sheet: the minute, who received it and the reason.

            A blue card never takes anything away. It does not cancel a yellow or a red, it does not shorten a
            suspension, and it cannot be exchanged for anything. A player can receive a yellow and a blue card in the
            same match: the first punishes a foul and the second recognises a different gesture. Sanctions still
            exist; what changes is that now there are rewards too.

            There is no limit on blue cards per match or per person, and no obligation to show any: if there was no
            clear gesture, none is shown. The referee does not hand out cards to meet a quota, nor uses them to make up
            for a disputed decision.

            Each blue card counts for the team of whoever receives it, according to the championship's scoring scheme
            (see the section on scoring), and the cards of players, coaches and barras count towards the closing
            awards. On the championship's public pages players appear only by their display name, never with their
            personal details.
        """),
    },
    # --- The ritual ---------------------------------------------------------------------------------------------------
    {
        "slug": "ritual",
        "order": 40,
        "kind": "text",
        "audiences": ALL,
        "title_es": "El ritual de deportividad, paso a paso",
        "title_en": "The ritual of sportsmanship, step by step",
        "body_es": _text("""
            El ritual es el saludo entre los dos equipos antes y después de cada partido. Dura dos o tres minutos y
            dice sin palabras lo más importante: que el rival es un compañero de juego, no un enemigo. Lo dirige el
            árbitro, y en él participan jugadores titulares y suplentes, entrenadores y, desde su lugar, las barras.

            Antes del partido:
            - El árbitro reúne a los dos equipos en el centro de la cancha. Cada equipo forma una fila, con el capitán
              o la capitana adelante y los suplentes incluidos.
            - El árbitro saluda y recuerda en pocas palabras que en este campeonato se juega con tarjeta azul.
            - Los equipos pasan uno frente al otro y cada jugador saluda con la mano a cada rival, mirándolo a la cara.
            - Los jugadores saludan también al árbitro, a sus asistentes y al entrenador del otro equipo.
            - Los entrenadores se saludan entre ellos y con el árbitro.
            - Los dos equipos, juntos, se vuelven hacia las barras y las saludan con un aplauso; las barras responden
              aplaudiendo a los dos equipos.
            - Los capitanes sortean con el árbitro el campo o el saque inicial, y empieza el partido.

            Después del partido:
            - Al pitazo final nadie celebra frente al rival ni se va directo a la tribuna. Los dos equipos vuelven al
              centro de la cancha.
            - Forman de nuevo sus filas y se saludan uno por uno, con el mismo respeto del comienzo, sea cual sea el
              resultado. Quien ganó agradece el partido; quien perdió felicita al ganador.
            - Los equipos agradecen al árbitro y a sus asistentes con un saludo o un aplauso.
            - Los entrenadores se dan la mano y, si quieren, le dicen a su equipo algo bueno del rival.
            - Los dos equipos aplauden a las dos barras, y las barras aplauden a los dos equipos.
            - El árbitro anota en la planilla si cada equipo hizo el ritual antes y después del partido.

            El ritual se hace siempre, también en un partido tenso o con mucha diferencia en el marcador: es
            justamente en esos partidos cuando más sirve. Si un equipo no se presenta al saludo o lo hace a medias, sin
            saludar a todos o con burlas, el árbitro lo anota como no realizado para ese equipo. No es una sanción,
            pero ese equipo pierde los puntos del ritual si el sistema de puntaje del campeonato los cuenta.

            Conviene practicar el ritual en los entrenamientos, para que los más pequeños lo conozcan antes de su
            primer partido. Y conviene explicarlo a las familias en la primera fecha: el aplauso de la barra para el
            otro equipo es parte del ritual.
        """),
        "body_en": _text("""
            The ritual is the greeting between the two teams before and after every match. It takes two or three
            minutes and says without words what matters most: that the opponent is a fellow player, not an enemy. The
            referee leads it, and the starting players and substitutes, the coaches and, from where they stand, the
            barras take part.

            Before the match:
            - The referee gathers both teams in the centre of the pitch. Each team forms a line, with its captain at
              the front and the substitutes included.
            - The referee greets them and reminds them in a few words that this championship is played with the blue
              card.
            - The teams walk past each other and every player shakes hands with every opponent, looking them in the
              face.
            - The players also greet the referee, the assistants and the other team's coach.
            - The coaches greet each other and the referee.
            - Both teams together turn towards the barras and greet them with applause; the barras answer by
              applauding both teams.
            - The captains toss for ends or kick-off with the referee, and the match begins.

            After the match:
            - At the final whistle nobody celebrates in the opponents' faces or heads straight for the stand. Both
              teams go back to the centre of the pitch.
            - They form their lines again and greet each other one by one, with the same respect as at the start,
              whatever the result. The winners thank the others for the match; the losers congratulate the winners.
            - The teams thank the referee and the assistants with a greeting or applause.
            - The coaches shake hands and, if they wish, tell their team something good about the opponents.
            - Both teams applaud both barras, and the barras applaud both teams.
            - The referee records on the match sheet whether each team did the ritual before and after the match.

            The ritual is always done, also in a tense match or one with a lopsided score: those are exactly the
            matches where it helps most. If a team does not turn up for the greeting, or does it half-heartedly,
            without greeting everyone or with mockery, the referee records it as not done for that team. It is not a
            sanction, but that team loses the ritual's points if the championship's scoring scheme counts them.

            It is worth practising the ritual at training sessions, so that the youngest know it before their first
            match. And it is worth explaining it to the families on the first match day: the barra's applause for the
            other team is part of the ritual.
        """),
    },
    # --- The safe bar -------------------------------------------------------------------------------------------------
    {
        "slug": "safe-bar",
        "order": 50,
        "kind": "text",
        "audiences": ALL,
        "title_es": "La barra segura",
        "title_en": "The safe bar",
        "body_es": _text("""
            La barra es el grupo que acompaña a cada equipo desde el costado de la cancha: mamás, papás, abuelos,
            tíos, primos, hermanos, vecinos. En el fútbol de menores la barra está formada sobre todo por personas
            adultas, y los chicos las miran. Por eso una barra puede cuidar un partido o echarlo a perder.

            Una barra segura es la que se compromete, ante la oficina de deportes de la municipalidad, a alentar a su
            equipo con respeto. La oficina registra la fecha en que la barra firmó el compromiso y el nombre de su
            delegado o delegada.

            Los compromisos de la barra segura:
            - Alentamos a nuestro equipo con cantos, aplausos y palabras de ánimo. Nunca insultamos al rival, al
              árbitro, a los entrenadores ni a otras barras.
            - No hacemos comentarios ni cantos racistas, machistas u homofóbicos, y no nos burlamos del aspecto, del
              origen ni de la forma de jugar de nadie.
            - Respetamos las decisiones del árbitro aunque no estemos de acuerdo. Los reclamos los presenta el
              delegado después del partido, ante la oficina de deportes.
            - No entramos a la cancha y nos quedamos en la zona señalada para el público.
            - No damos instrucciones a los jugadores durante el partido: esa tarea es del entrenador. Desde afuera,
              solo ánimo.
            - No llevamos bebidas alcohólicas, pirotecnia ni objetos que se puedan lanzar.
            - Aplaudimos las buenas jugadas de los dos equipos y participamos en el ritual de deportividad.
            - Si alguien de nuestra barra pierde la calma, lo ayudamos a calmarse. Si empieza una pelea, nos alejamos
              y avisamos al delegado.
            - Al terminar, dejamos limpio el lugar y nos despedimos del otro equipo y de su barra.
            - En casa, felicitamos a nuestros chicos por su esfuerzo y su comportamiento, no solo por sus goles.

            El delegado o delegada de la barra:
            - Es una persona adulta elegida por la barra y registrada en la oficina de deportes con su nombre y un
              teléfono de contacto. Firma el compromiso en nombre de la barra.
            - Antes del partido se presenta al árbitro, para que sepa a quién acudir.
            - Durante el partido ayuda a mantener la calma y conversa con quien se exceda. Si el árbitro detiene el
              juego por la conducta del público, ayuda a que el partido pueda continuar.
            - Recibe en nombre de la barra la tarjeta azul que el árbitro le muestre y la comparte con todos.
            - Después del partido lleva a la oficina los reclamos y avisos de la barra.

            En cada partido el árbitro califica el comportamiento de cada barra del 1 al 5: 1, insultos o agresiones;
            2, irrespetuosa; 3, aceptable; 4, respetuosa; 5, ejemplar. Además anota como incidente cualquier hecho
            grave: insultos repetidos, amenazas, un objeto lanzado, una invasión de la cancha. La calificación y los
            incidentes pueden sumar o restar puntos de fair play al equipo, según el sistema de puntaje del
            campeonato, y cuentan para el premio a la barra segura.

            Una barra que no cumple su compromiso puede recibir las sanciones que prevé el reglamento del campeonato.
            Pero el propósito de la barra segura no es vigilar a las familias: es que los chicos jueguen tranquilos,
            sabiendo que quienes los quieren también juegan limpio.
        """),
        "body_en": _text("""
            The barra is the group that supports each team from the sideline: mums, dads, grandparents, uncles and
            aunts, cousins, brothers and sisters, neighbours. In youth football the barra is made up mostly of adults,
            and the children watch them. That is why a barra can protect a match or spoil it.

            A safe bar (barra segura) is a barra that commits, before the municipal sports office, to cheer its team
            on respectfully. The office records the date on which the barra signed the commitment and the name of its
            delegate.

            The safe bar's commitments:
            - We cheer our team on with songs, applause and encouragement. We never insult the opponents, the referee,
              the coaches or other barras.
            - We make no racist, sexist or homophobic remarks or chants, and we do not mock anyone's appearance,
              origin or way of playing.
            - We respect the referee's decisions even when we disagree. Complaints are made by the delegate, after the
              match, to the sports office.
            - We do not go onto the pitch and we stay in the area set aside for spectators.
            - We do not give the players instructions during the match: that is the coach's job. From the sideline,
              only encouragement.
            - We bring no alcoholic drinks, no fireworks and nothing that can be thrown.
            - We applaud good play by both teams and we take part in the ritual of sportsmanship.
            - If someone in our barra loses their temper, we help them calm down. If a fight starts, we move away and
              tell the delegate.
            - When it is over, we leave the place clean and say goodbye to the other team and its barra.
            - At home, we praise our children for their effort and their behaviour, not only for their goals.

            The barra's delegate:
            - Is an adult chosen by the barra and registered with the sports office with their name and a contact
              phone number. The delegate signs the commitment on the barra's behalf.
            - Introduces themselves to the referee before the match, so that the referee knows whom to turn to.
            - Helps keep things calm during the match and talks to anyone who goes too far. If the referee stops play
              because of the spectators' behaviour, the delegate helps the match get going again.
            - Receives on the barra's behalf any blue card the referee shows it, and shares it with everyone.
            - After the match, takes the barra's complaints and notices to the office.

            In every match the referee rates each barra's behaviour from 1 to 5: 1, insults or aggression; 2,
            disrespectful; 3, acceptable; 4, respectful; 5, exemplary. The referee also records as an incident any
            serious event: repeated insults, threats, an object thrown, a pitch invasion. The rating and the incidents
            can add or take away fair-play points for the team, depending on the championship's scoring scheme, and
            they count towards the safe bar award.

            A barra that does not keep its commitment may receive the sanctions that the championship's rules provide
            for. But the purpose of the safe bar is not to police families: it is to let the children play in peace,
            knowing that the people who love them play fair too.
        """),
    },
    # --- Roles --------------------------------------------------------------------------------------------------------
    {
        "slug": "role-referees",
        "order": 60,
        "kind": "text",
        "audiences": ["referees", "organizers"],
        "title_es": "El papel de los árbitros",
        "title_en": "The role of referees",
        "body_es": _text("""
            En estos campeonatos el árbitro es, además de juez, un educador. Sigue aplicando las reglas del juego con
            firmeza: las faltas se cobran y las amarillas y rojas se muestran cuando corresponde. Pero además mira lo
            bueno que pasa, lo señala y lo premia. Para muchos chicos, la tarjeta azul de un árbitro es el primer
            reconocimiento público que reciben por portarse bien.

            Antes del partido:
            - Revisa en la tableta los partidos que tiene asignados y llega con tiempo a la cancha.
            - Lleva la tarjeta azul junto a la amarilla y la roja.
            - Se presenta a los entrenadores y a los delegados de las barras, y les recuerda que se juega con tarjeta
              azul.
            - Dirige el ritual de deportividad de inicio.

            Durante el partido:
            - Muestra la tarjeta azul cuando ve un gesto claro de juego limpio, con la pelota detenida o en la
              siguiente interrupción, sin cortar un ataque.
            - Al mostrarla explica en voz alta, en pocas palabras, lo que premia: «Azul para el número 10, por ayudar
              a su rival».
            - Premia a los dos equipos con el mismo criterio. No usa la tarjeta azul para compensar una sanción y no
              reparte tarjetas por cuota.
            - Anota en la planilla de juego cada tarjeta, azul, amarilla o roja, y también las faltas y los
              incidentes, en el momento o apenas pueda. La planilla guarda lo anotado aunque la tableta se quede sin
              señal.

            Al terminar:
            - Dirige el ritual de cierre y anota si cada equipo lo hizo antes y después del partido.
            - Califica el comportamiento de cada barra del 1 al 5 y registra los incidentes, si los hubo.
            - Revisa la planilla con calma y la envía a la oficina de deportes; los entrenadores pueden confirmarla.

            Un buen árbitro de tarjeta azul no busca protagonismo: es justo, explica sus decisiones con respeto y cuida
            a los chicos. Si se siente amenazado o es agredido, detiene el partido e informa a la oficina: ningún
            partido vale más que la seguridad de las personas.

            La oficina de deportes capacita a sus árbitros en este método antes del campeonato y, al cierre, reconoce
            a quienes mejor lo aplicaron.
        """),
        "body_en": _text("""
            In these championships the referee is an educator as well as a judge. The referee still applies the Laws of
            the Game firmly: fouls are given and yellows and reds are shown when they are deserved. But the referee
            also watches for the good things that happen, points them out and rewards them. For many children, a
            referee's blue card is the first public recognition they have ever received for behaving well.

            Before the match:
            - Checks on the tablet the matches assigned to them and arrives at the pitch in good time.
            - Carries the blue card alongside the yellow and the red.
            - Introduces themselves to the coaches and to the barras' delegates, and reminds them that the match is
              played with the blue card.
            - Leads the opening ritual of sportsmanship.

            During the match:
            - Shows the blue card when they see a clear fair-play gesture, with the ball out of play or at the next
              stoppage, without cutting short an attack.
            - When showing it, says aloud, in a few words, what is being rewarded: "Blue for number 10, for helping
              an opponent".
            - Rewards both teams by the same standard. Does not use the blue card to make up for a sanction, and does
              not hand out cards to meet a quota.
            - Records every card on the match sheet, blue, yellow or red, as well as the fouls and incidents, at the
              moment or as soon as possible. The match sheet keeps what was entered even if the tablet loses its
              signal.

            At the end:
            - Leads the closing ritual and records whether each team did it before and after the match.
            - Rates each barra's behaviour from 1 to 5 and records any incidents.
            - Reviews the match sheet calmly and submits it to the sports office; the coaches can confirm it.

            A good blue-card referee does not seek the limelight: they are fair, explain their decisions respectfully
            and look after the children. If they feel threatened or are assaulted, they stop the match and report it
            to the office: no match is worth more than people's safety.

            The sports office trains its referees in this method before the championship and, at the close,
            recognises those who applied it best.
        """),
    },
    {
        "slug": "role-coaches",
        "order": 70,
        "kind": "text",
        "audiences": ["coaches", "organizers"],
        "title_es": "El papel de los entrenadores",
        "title_en": "The role of coaches",
        "body_es": _text("""
            El entrenador o la entrenadora es la persona adulta que más influye en los jugadores durante el
            campeonato. Los chicos copian lo que ven: si su entrenador le grita al árbitro, ellos también lo harán; si
            felicita al rival, aprenderán a hacerlo.

            Lo que esperamos de cada entrenador:
            - Que explique a su equipo qué es la tarjeta azul y practique el ritual en los entrenamientos.
            - Que felicite en voz alta los gestos de juego limpio de sus jugadores, aunque el árbitro no los haya
              premiado.
            - Que dirija desde su zona con indicaciones y ánimo, sin insultos, sin gritos contra el árbitro y sin
              presionar a los chicos.
            - Que acepte las decisiones del árbitro. Si tiene una duda, la plantea al final del partido, con calma.
            - Que dé a todos sus jugadores la oportunidad de jugar y valore el esfuerzo tanto como el resultado.
            - Que ayude a un jugador alterado a calmarse, incluso sacándolo un momento del partido para conversar.
            - Que se ponga de acuerdo con el delegado de su barra para que la barra cumpla su compromiso.
            - Que revise y confirme la planilla de cada partido, y siga desde su teléfono el calendario, las
              suspensiones y el registro de fair play de su equipo.

            Los entrenadores también pueden recibir tarjetas azules, por ejemplo por calmar a su banca, por reconocer
            un error de su propio equipo o por felicitar al rival. Y también pueden recibir amarillas y rojas. Con los
            valores iniciales del sistema juvenil de puntaje, una tarjeta a un entrenador resta más puntos que una a un
            jugador, porque de un adulto se espera más.

            Después de una derrota, el entrenador es el primero en dar el ejemplo: felicita al ganador, consuela a los
            suyos y les recuerda lo que hicieron bien. Después de una victoria, les recuerda que el rival merece
            respeto. Un equipo que aprende a ganar y a perder así está preparado para mucho más que un campeonato.
        """),
        "body_en": _text("""
            The coach is the adult who has the greatest influence on the players during the championship. Children
            copy what they see: if their coach shouts at the referee, they will too; if the coach congratulates the
            opponents, they will learn to do the same.

            What we expect of every coach:
            - To explain to the team what the blue card is and to practise the ritual at training sessions.
            - To praise their players' fair-play gestures aloud, even when the referee did not reward them.
            - To coach from their area with instructions and encouragement, without insults, without shouting at the
              referee and without putting pressure on the children.
            - To accept the referee's decisions. If they have a doubt, they raise it at the end of the match, calmly.
            - To give all their players the chance to play, and to value effort as much as the result.
            - To help an upset player calm down, even taking them off for a moment to talk.
            - To work with their barra's delegate so that the barra keeps its commitment.
            - To review and confirm the match sheet of every match, and to follow the team's fixtures, suspensions and
              fair-play record on their phone.

            Coaches can receive blue cards too, for instance for calming their bench, for admitting their own team's
            mistake or for congratulating the opponents. And they can receive yellows and reds. With the youth scoring
            scheme's starting values, a card to a coach costs more points than a card to a player, because more is
            expected of an adult.

            After a defeat, the coach is the first to set the example: congratulates the winners, comforts their own
            players and reminds them what they did well. After a victory, reminds them that the opponents deserve
            respect. A team that learns to win and lose in this way is ready for much more than a championship.
        """),
    },
    {
        "slug": "role-players",
        "order": 80,
        "kind": "text",
        "audiences": ["players", "coaches", "families"],
        "title_es": "El papel de los jugadores y jugadoras",
        "title_en": "The role of players",
        "body_es": _text("""
            Este manual también es para ti. En el campeonato vas a querer ganar, y está muy bien. Pero aquí se puede
            ganar de otra manera: jugando limpio. Cuando el árbitro te muestra la tarjeta azul, todos en la cancha y
            en la tribuna saben que hiciste algo valioso.

            Cómo ganarte una tarjeta azul (sin pedirla):
            - Si un rival se lastima, detente o saca la pelota para que lo atiendan.
            - Si hiciste una falta, reconócelo y pide disculpas.
            - Si el árbitro cobra en tu contra, acepta y sigue jugando.
            - Si un compañero se enoja, ayúdalo a calmarse.
            - Saluda a todos en el ritual, antes y después del partido, ganes o pierdas.

            Lo que no hace un jugador de tarjeta azul:
            - No insulta ni se burla del rival, del árbitro ni de nadie en la tribuna.
            - No finge faltas ni lesiones para engañar al árbitro.
            - No celebra un gol burlándose del otro equipo.
            - No culpa a un compañero por un error: todos nos equivocamos.

            Saber perder también se aprende. Si pierdes, felicita al otro equipo: la próxima vez puedes ganar tú. Y
            si ganas, recuerda que sin rival no hay partido. En el campeonato puedes hacer amigos en todos los
            equipos.

            El capitán o la capitana tiene una tarea extra: da el ejemplo, encabeza el ritual y ayuda a calmar a su
            equipo cuando los ánimos se calientan.

            Tu tarjeta azul queda anotada en la planilla y suma para tu equipo. Al final del campeonato, los jugadores
            y jugadoras de cada categoría que recibieron más tarjetas azules tienen un reconocimiento especial.
        """),
        "body_en": _text("""
            This manual is for you too. In the championship you will want to win, and that is fine. But here there is
            another way to win: by playing fair. When the referee shows you the blue card, everyone on the pitch and
            in the stand knows you did something worthwhile.

            How to earn a blue card (without asking for it):
            - If an opponent gets hurt, stop or kick the ball out so they can be looked after.
            - If you committed a foul, admit it and say sorry.
            - If the referee gives a decision against you, accept it and play on.
            - If a teammate gets angry, help them calm down.
            - Greet everyone in the ritual, before and after the match, win or lose.

            What a blue-card player does not do:
            - Does not insult or mock the opponents, the referee or anyone in the stand.
            - Does not fake fouls or injuries to fool the referee.
            - Does not celebrate a goal by mocking the other team.
            - Does not blame a teammate for a mistake: we all make mistakes.

            Losing well is something you learn too. If you lose, congratulate the other team: next time you may be the
            one who wins. And if you win, remember that without opponents there is no match. In the championship you
            can make friends in every team.

            The captain has an extra job: to set the example, lead the ritual and help calm the team down when tempers
            rise.

            Your blue card is written on the match sheet and counts for your team. At the end of the championship, the
            players in each category who received the most blue cards get a special award.
        """),
    },
    {
        "slug": "role-families",
        "order": 90,
        "kind": "text",
        "audiences": ["families", "coaches", "organizers"],
        "title_es": "El papel de las barras y los padres de familia",
        "title_en": "The role of barras and parents",
        "body_es": _text("""
            Para un niño o una niña, tener a su familia al costado de la cancha es un regalo. Lo que las personas
            adultas dicen y hacen durante el partido le enseña más que cualquier charla.

            Les pedimos a las mamás, los papás, los abuelos, los tíos y a todas las personas que acompañan:
            - Alentar a todo el equipo, no solo a su hijo o hija, y aplaudir también las buenas jugadas del rival.
            - Dejar que el entrenador dirija: una instrucción desde la tribuna confunde al niño.
            - Respetar al árbitro. Muchas veces es un joven del mismo barrio que también está aprendiendo, y sin
              árbitro no hay partido.
            - No gritarle a su hijo por un error. Un «¡bien, sigue!» ayuda más que cualquier reproche.
            - Cumplir los compromisos de la barra segura y apoyar a su delegado.
            - Participar en el ritual con aplausos para los dos equipos.

            Después del partido, la pregunta más útil no es «¿ganaron?», sino «¿te divertiste?» y «¿qué hiciste bien
            hoy?». Si su hijo o su hija recibió una tarjeta azul, celébrenlo en casa tanto como un gol. Si vio a otro
            niño recibirla, conversen sobre lo que hizo para merecerla.

            Las barras también reciben tarjetas azules. Cuando el árbitro muestra la tarjeta azul hacia la tribuna,
            está premiando a todas las personas de esa barra, y ese premio ayuda al equipo en la tabla de fair play.

            En la página pública del campeonato pueden seguir, sin registrarse, el calendario, los resultados, las
            posiciones, la tabla de fair play y los premios. Por respeto a los menores, allí cada jugador aparece solo
            con su nombre para mostrar.
        """),
        "body_en": _text("""
            For a child, having their family on the sideline is a gift. What the adults say and do during the match
            teaches them more than any talk.

            We ask mums, dads, grandparents, uncles and aunts and everyone who comes along:
            - To cheer on the whole team, not only their own son or daughter, and to applaud good play by the
              opponents too.
            - To let the coach do the coaching: an instruction from the stand confuses a child.
            - To respect the referee. Often the referee is a young person from the same neighbourhood who is learning
              too, and without a referee there is no match.
            - Not to shout at their child for a mistake. A "well done, keep going!" helps more than any reproach.
            - To keep the safe bar's commitments and support its delegate.
            - To take part in the ritual by applauding both teams.

            After the match, the most useful question is not "did you win?" but "did you have fun?" and "what did you
            do well today?". If your son or daughter received a blue card, celebrate it at home as much as a goal. If
            they saw another child receive one, talk about what that child did to earn it.

            Barras receive blue cards too. When the referee shows a blue card towards the stand, it rewards everyone in
            that barra, and that reward helps the team in the fair-play table.

            On the championship's public pages you can follow, without signing up, the fixtures, results, standings,
            fair-play table and awards. Out of respect for the children, each player appears there only by their
            display name.
        """),
    },
    {
        "slug": "role-organizers",
        "order": 100,
        "kind": "text",
        "audiences": ["organizers"],
        "title_es": "El papel de los organizadores",
        "title_en": "The role of organizers",
        "body_es": _text("""
            La oficina de deportes de la municipalidad organiza el campeonato y es la responsable de que el método
            funcione. La tarjeta azul no se sostiene sola: necesita árbitros capacitados, entrenadores y familias que
            la conozcan y una oficina que cumpla lo que promete.

            Antes del campeonato:
            - Aprobar el reglamento del campeonato, incluido el sistema de puntaje de fair play y la forma en que
              cuenta: como tabla aparte, como criterio de desempate o sumado a los puntos.
            - Capacitar a los árbitros en la tarjeta azul, el ritual y el uso de la planilla de juego en la tableta.
            - Reunirse con entrenadores y delegados de las barras para presentarles este manual, y entregar a cada
              grupo las partes que le corresponden.
            - Inscribir clubes, equipos, jugadores, entrenadores y barras, y registrar el compromiso de barra segura y
              el delegado de cada barra.
            - Comprobar que cada jugador juegue en la categoría que corresponde a su edad y en un solo equipo.

            Durante el campeonato:
            - Asignar árbitros a los partidos, y revisar y aprobar las planillas. Si hay que corregir una planilla, se
              corrige indicando el motivo.
            - Aplicar las suspensiones y sanciones del reglamento, y atender los reclamos que lleguen por los
              delegados.
            - Publicar los resultados, las posiciones y la tabla de fair play, para que todos vean que el juego limpio
              cuenta.
            - Acompañar a los árbitros: nadie debería dirigir solo un partido con riesgo de violencia.

            Al cierre:
            - Entregar los premios de fair play en una ceremonia, con el mismo lugar de honor que los trofeos
              deportivos.
            - Emitir los certificados de participación y los reconocimientos.
            - Revisar los indicadores del campeonato, como las tarjetas azules, las expulsiones, los incidentes de
              barra y los rituales cumplidos, y compartir lo aprendido con los equipos y con otras áreas de la
              municipalidad.

            La experiencia de Trujillo enseñó que el deporte previene mejor la violencia cuando la municipalidad lo
            acompaña con otros servicios: apoyo psicológico y emocional para los chicos, las escuelas, los centros de
            salud y la policía comunitaria. El cambio de conducta que busca la tarjeta azul es de largo plazo, y se
            logra por convicción, no por presión.
        """),
        "body_en": _text("""
            The municipal sports office runs the championship and is responsible for making the method work. The blue
            card does not hold up on its own: it needs trained referees, coaches and families who know it, and an
            office that keeps its promises.

            Before the championship:
            - Approve the championship's rules, including the fair-play scoring scheme and how it counts: as a separate
              table, as a tie-breaker or added to the points.
            - Train the referees in the blue card, the ritual and the use of the match sheet on the tablet.
            - Meet the coaches and the barras' delegates to present this manual to them, and give each group the parts
              that concern it.
            - Register clubs, teams, players, coaches and barras, and record each barra's safe bar commitment and
              delegate.
            - Check that every player plays in the category that matches their age and for one team only.

            During the championship:
            - Assign referees to the matches, and review and approve the match sheets. If a sheet must be corrected, it
              is corrected with the reason recorded.
            - Apply the suspensions and sanctions in the rules, and deal with the complaints that come in through the
              delegates.
            - Publish the results, the standings and the fair-play table, so that everyone sees that fair play counts.
            - Support the referees: nobody should referee a match at risk of violence alone.

            At the close:
            - Present the fair-play awards at a ceremony, with the same place of honour as the sports trophies.
            - Issue the participation certificates and the recognitions.
            - Review the championship's indicators, such as blue cards, sendings-off, barra incidents and rituals
              done, and share what was learnt with the teams and with other departments of the municipality.

            The experience in Trujillo taught that sport prevents violence better when the municipality supports it
            with other services: psychological and emotional support for the children, the schools, the health centres
            and community policing. The change in behaviour that the blue card seeks takes time, and it comes from
            conviction, not pressure.
        """),
    },
    # --- Scoring: an introduction; the rules are written from the championship's scheme ------------------------------
    {
        "slug": "scoring",
        "order": 110,
        "kind": "scoring",
        "audiences": ALL,
        "title_es": "Cómo se calculan los puntos de fair play",
        "title_en": "How fair-play points are calculated",
        "body_es": _text("""
            Cada campeonato decide cómo convierte en puntos de fair play lo que pasa en la cancha: las tarjetas
            azules, el ritual, el comportamiento de la barra, las faltas y las tarjetas amarillas y rojas.

            Las reglas que siguen no están escritas a mano: se generan a partir de la configuración del campeonato, la
            misma que usa el sistema para calcular las tablas. Así, lo que se lee aquí es siempre lo que se calcula.
        """),
        "body_en": _text("""
            Each championship decides how what happens on the pitch becomes fair-play points: blue cards, the ritual,
            the barra's behaviour, fouls, and yellow and red cards.

            The rules below are not written by hand: they are generated from the championship's settings, the same
            ones the software uses to calculate the tables. So what you read here is always what is calculated.
        """),
    },
    # --- Awards -------------------------------------------------------------------------------------------------------
    {
        "slug": "awards",
        "order": 120,
        "kind": "text",
        "audiences": ALL,
        "title_es": "Los premios",
        "title_en": "The awards",
        "body_es": _text("""
            Al final del campeonato el juego limpio se premia con la misma importancia que los goles y los títulos. La
            oficina de deportes entrega estos reconocimientos en la ceremonia de clausura:
            - Campeón Fair Play (Copa Fair Play): el equipo que encabeza la tabla de fair play de su categoría.
            - Jugadores y jugadoras con más tarjetas azules: en cada categoría, quienes recibieron más tarjetas azules
              a lo largo del campeonato. Si hay empate, se premia a todos los empatados.
            - Premio al entrenador o entrenadora fair play: para quien dio el mejor ejemplo desde el banco, por las
              tarjetas azules recibidas, por no haber sido expulsado y por la conducta de su equipo.
            - Premio a la barra segura: para la barra con el mejor comportamiento del campeonato, por sus
              calificaciones, sus tarjetas azules y la ausencia de incidentes. Lo pueden recibir las barras que
              firmaron el compromiso de barra segura.
            - Certificados de participación: para todos los jugadores y jugadoras que participaron, porque terminar un
              campeonato jugando limpio ya es un logro.
            - Reconocimiento a los árbitros: para quienes mejor aplicaron el método, con rituales bien dirigidos,
              tarjetas azules bien explicadas y planillas completas y enviadas a tiempo.

            Los premios se deciden con los datos de las planillas aprobadas, de modo que cualquiera puede ver de dónde
            salen. Los certificados y diplomas se imprimen desde el sistema.

            Una sugerencia para la ceremonia: entregar primero los premios de fair play y después los trofeos
            deportivos, e invitar a un jugador o una jugadora que haya recibido una tarjeta azul a contar qué hizo para
            ganarla. Así, lo último que los chicos se llevan del campeonato es que el respeto también se celebra.
        """),
        "body_en": _text("""
            At the end of the championship fair play is rewarded with the same importance as goals and titles. The
            sports office presents these awards at the closing ceremony:
            - Fair Play Champion (Copa Fair Play): the team at the top of its category's fair-play table.
            - Players with the most blue cards: in each category, those who received the most blue cards over the
              championship. If there is a tie, everyone tied receives the award.
            - Fair-play coach award: for the coach who set the best example from the bench, judged by the blue cards
              received, by not having been sent off and by the team's conduct.
            - Safe bar award: for the barra with the best behaviour in the championship, judged by its ratings, its
              blue cards and the absence of incidents. Barras that signed the safe bar commitment can receive it.
            - Participation certificates: for every player who took part, because finishing a championship playing
              fair is already an achievement.
            - Referee recognition: for the referees who applied the method best, with well-led rituals, well-explained
              blue cards and match sheets complete and submitted on time.

            The awards are decided from the data on the approved match sheets, so anyone can see where they come from.
            The certificates and diplomas are printed from the software.

            A suggestion for the ceremony: present the fair-play awards first and the sports trophies afterwards, and
            invite a player who received a blue card to tell everyone what they did to earn it. That way the last thing
            the children take home from the championship is that respect is celebrated too.
        """),
    },
]
